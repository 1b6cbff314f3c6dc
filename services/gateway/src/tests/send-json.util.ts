import type { Response } from 'express';

/** Sends JSON already rendered to bytes, with the headers `response.json` would set. */
export function sendJson(response: Response, body: Buffer): void {
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  response.send(body);
}
