// The module's exports under a name of its own, then properties on it.
const Meta = module.exports;

Meta.themes = require('./themes');
Meta.skins = require('./skins');
Meta.version = '1.0.0';
