import express from 'express';
import { renderToString } from 'react-dom/server';
import * as fs from 'fs';
type P = { title: string };
const Page = ({ title }: P): JSX.Element => <div title={title}>{title}<br /></div>;
const pick = <T,>(xs: T[]): T => xs[0];
express().get('/p', (req, res) => {
  res.send(renderToString(<Page title={pick([fs.readFileSync('a', 'utf8')])} />));
});
