// TSX: server-side rendering in a request handler, with JSX and type
// annotations in the same file.
import express, { Request, Response } from 'express';
import { renderToString } from 'react-dom/server';
import * as fs from 'fs';

type PageProps = { title: string; body: string };

function Page({ title, body }: PageProps): JSX.Element {
  return (
    <html>
      <head><title>{title}</title></head>
      <body dangerouslySetInnerHTML={{ __html: body }} />
    </html>
  );
}

const app = express();

app.get('/page/:name', (req: Request, res: Response) => {
  const body = fs.readFileSync(`pages/${req.params.name}.html`, 'utf8'); // expect: JS101
  res.send(renderToString(<Page title={req.params.name} body={body} />));
});

app.get('/generic', (req: Request, res: Response) => {
  const pick = <T,>(xs: T[]): T => xs[0];
  res.send(pick<string>([fs.readFileSync('a.txt', 'utf8')])); // expect: JS101
});

app.listen(3000);
