/**
 * Kodo's magic variables in `returnBody`: `$(key)`, `$(etag)`, `$(fsize)`, `$(mimeType)`, `$(bucket)`,
 * `$(fname)`, `$(ext)`, `$(fprefix)`, `$(endUser)`, `$(uuid)`, `$(imageInfo.width|height|format)`,
 * `$(x:<name>)`. returnBody is a JSON template, so strings are substituted JSON-escaped and numbers bare;
 * a variable with no value becomes "" inside quotes and null outside them, keeping the JSON valid.
 */
export type MagicValue = string | number | null | undefined;

export function renderReturnBody(template: string, lookup: (name: string) => MagicValue): string {
  return template.replace(
    /(")?\$\(([^)]+)\)(")?/g,
    (_match, open: string | undefined, name: string, close: string | undefined) => {
      const quoted = open === '"' && close === '"';
      const value = lookup(name.trim());
      const before = open ?? '';
      const after = close ?? '';
      if (value === null || value === undefined) return quoted ? '""' : `${before}null${after}`;
      if (typeof value === 'number') return `${before}${value}${after}`;
      return `${before}${JSON.stringify(value).slice(1, -1)}${after}`;
    },
  );
}

export interface UploadFacts {
  bucket: string;
  key: string;
  etag: string;
  fsize: number;
  mimeType: string;
  fname: string;
  endUser: string | null;
  uuid: string;
  image: { width: number; height: number; format: string } | null;
  vars: Map<string, string>;
}

export function magicLookup(facts: UploadFacts): (name: string) => MagicValue {
  const dot = facts.fname.lastIndexOf('.');
  const ext = dot > 0 ? facts.fname.slice(dot) : '';
  return (name) => {
    if (name.startsWith('x:')) return facts.vars.get(name);
    switch (name) {
      case 'bucket':
        return facts.bucket;
      case 'key':
        return facts.key;
      case 'etag':
        return facts.etag;
      case 'fsize':
        return facts.fsize;
      case 'mimeType':
        return facts.mimeType;
      case 'fname':
        return facts.fname;
      case 'ext':
        return ext;
      case 'fprefix':
        return dot > 0 ? facts.fname.slice(0, dot) : facts.fname;
      case 'endUser':
        return facts.endUser;
      case 'uuid':
        return facts.uuid;
      case 'imageInfo.width':
        return facts.image?.width;
      case 'imageInfo.height':
        return facts.image?.height;
      case 'imageInfo.format':
        return facts.image?.format;
      default:
        return undefined;
    }
  };
}
