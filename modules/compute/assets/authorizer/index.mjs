// API Gateway HTTP API REQUEST authorizer (payload 2.0, simple responses).
// Allows a request whose Authorization header is `Bearer <SG_CARS_TRENDS_API_TOKEN>`.
// The comparison is constant-time so response timing does not leak the token.
import { createHash, timingSafeEqual } from "node:crypto";

const digest = (value) => createHash("sha256").update(value, "utf8").digest();

export const isAuthorized = (header, token) => {
  if (!token || typeof header !== "string" || !header.startsWith("Bearer ")) {
    return false;
  }
  return timingSafeEqual(digest(header.slice("Bearer ".length)), digest(token));
};

export const handler = async (event) => {
  const headers = (event && event.headers) || {};
  const header = headers.authorization ?? headers.Authorization;
  return { isAuthorized: isAuthorized(header, process.env.SG_CARS_TRENDS_API_TOKEN) };
};
