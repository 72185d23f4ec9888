// The API's handler path (apps/api/src/index.handler) inside the placeholder:
// the same 503 placeholder as the package root's index.mjs.
export { handler } from "../../../index.mjs";
