const fs = require('fs');
const path = require('path');

module.exports = {
  entry: './src/index.js',
  output: { path: path.resolve(__dirname, 'out') },
  plugins: [
    {
      apply(compiler) {
        compiler.hooks.done.tap('WriteStats', (stats) => {
          fs.writeFileSync('stats.json', JSON.stringify(stats.toJson())); // ok: build config
        });
      },
    },
  ],
};
