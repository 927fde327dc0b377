/** http-reasons (no types published): the reason phrases postman-collection uses. */
declare module 'http-reasons' {
  const reasons: { lookup(code: number | string): { name?: string; detail?: string } };
  export default reasons;
}
