// The ceiling for any Node web server on this machine (bench/portal.sh): node:http alone, one
// process, answering every request with the same bytes and a page's worth of headers. Usage:
// node bench/static-node.mjs <port> <file>
import { readFileSync } from 'node:fs';
import http from 'node:http';

const [port, file] = process.argv.slice(2);
const body = readFileSync(file);
const headers = {
  'content-type': 'text/html; charset=utf-8',
  'content-length': String(body.length),
  'cache-control': 'no-cache',
  etag: 'W/"static"',
  'x-content-type-options': 'nosniff',
};
http.createServer((_req, res) => res.writeHead(200, headers).end(body)).listen(Number(port), '127.0.0.1');
