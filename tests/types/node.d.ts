// The two Node modules the type test uses, declared by hand so the test needs no
// @types package.
declare module 'node:fs' {
  export function readFileSync(path: URL): Uint8Array;
}
declare module 'node:test' {
  export function test(name: string, fn: () => void): void;
}
