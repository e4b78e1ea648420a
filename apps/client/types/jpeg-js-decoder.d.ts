/** jpeg-js's decoder alone: its index also loads the encoder, which the app never uses. */
declare module 'jpeg-js/lib/decoder' {
  const decode: typeof import('jpeg-js').decode;
  export default decode;
}
