// A local stand-in for the news backend: `node fixture-server.mjs`, then `tessera dev .`.
import { createServer } from 'node:http';

const articles = Array.from({ length: 35 }, (_, index) => ({
  id: index + 1,
  title: `Article ${index + 1}`,
  published: Date.UTC(2026, 0, 1 + index),
  reads: (index + 1) * 137,
  body: `<p>Body of article ${index + 1}.</p>`,
}));

const server = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://localhost');
  response.setHeader('content-type', 'application/json');
  response.setHeader('access-control-allow-origin', '*');
  const detail = /^\/articles\/(\d+)$/.exec(url.pathname);
  if (detail) {
    const article = articles.find((entry) => entry.id === Number(detail[1]));
    response.statusCode = article ? 200 : 404;
    response.end(JSON.stringify(article ?? { error: 'not found' }));
    return;
  }
  if (url.pathname === '/articles') {
    const page = Number(url.searchParams.get('page') ?? 1);
    const size = Number(url.searchParams.get('size') ?? 10);
    const items = articles.slice((page - 1) * size, page * size).map(({ body: _body, ...summary }) => summary);
    response.end(JSON.stringify({ page, items }));
    return;
  }
  response.statusCode = 404;
  response.end('{}');
});

const port = Number(process.env.PORT ?? 3210);
server.listen(port, '127.0.0.1', () => console.log(`news fixture on http://127.0.0.1:${port}`));
export { server };
