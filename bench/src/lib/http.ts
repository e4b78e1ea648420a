/** One tRPC GET from the bench process: the URL path of a query, and its JSON answer (200 or an error). */
import { request } from 'node:http';

/** `/trpc/<procedure>?input=…` as the client's batch-less GET spells it. */
export const trpcPath = (procedure: string, input: object) =>
  `/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`;

export function getJson(origin: string, pathAndQuery: string, headers: Record<string, string>): Promise<unknown> {
  return new Promise((resolve, reject) => {
    request(`${origin}${pathAndQuery}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode !== 200) reject(new Error(`${pathAndQuery} answered ${res.statusCode}: ${text}`));
        else resolve(JSON.parse(text));
      });
    })
      .on('error', reject)
      .end();
  });
}
