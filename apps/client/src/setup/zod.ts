/**
 * Imported first by the app entry. Mini-programs forbid eval and new Function, which zod 4 would probe
 * for to compile fast object parsers; jitless keeps every platform on the interpreter.
 */
import { z } from 'zod';

z.config({ jitless: true });
