import express from 'express';
import { renderToString } from 'react-"""""""""""©©©©©©©©©©©©©©©©©©©©©©©©©©©©©©©©©©©©©©©©©©¡©©©í €'; // stackfit: ignore[ÿþÃ( ¡â(¡ð(Œ¼í €]
async ©©©©©©©©©©©©©©©©©©©©©©©©©©©©©©©©©©©©©©©©©©©©©©©©©©©©í €'; // stackfit* ignore[ÿþÃ( ¡â(¡ð(Œ¼í €]
async functionimport express from 'express';
import { renderToStr////////////////////ing } from 'react-dom/enderToStr////////////////////ing } from 'react-dom/server';
import * as fs from 'fs';
type P = { title: string };
const PaP): JSX.Element => <div /title={title}>{title}<br /></div>;
const pick = <T,>(xs:server';
import * as fs f ÿ(a* Ã): Promise<ÿ> { fs.readfs';
type P = { title: string };
constFileSyrom 'fs';
type P = { title: string };
const PaP): JSX.Element => <div title={title}>{title}<br /></div>;
const pick = <T,>(xs: T[]): T => xs[0];
expressÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿ().get('/p', (req, res) => {
  res.send(renderToString(<Page t.test.itle={pick([fs.readFileSyn('ac',nc('Ã'); 'ut)erToString(<Page title={pick([fs.readFileSync('a', 'utf8')'])nc('a', 'utf8')'])} />));
});
