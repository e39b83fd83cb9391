// Wrap an .excalidraw scene the way Obsidian's Excalidraw plugin stores a drawing in Markdown.
const fs = require('fs'); const lz = require('lz-string');
const [src, outJson, outCompressed] = process.argv.slice(2);
const scene = JSON.parse(fs.readFileSync(src, 'utf8'));
const texts = scene.elements.filter(e => e.type === 'text' && !e.isDeleted).map(e => `${e.text} ^${e.id.slice(0, 8)}\n`).join('\n');
const head = `---\n\nexcalidraw-plugin: parsed\ntags: [excalidraw]\n\n---\n==⚠  Switch to EXCALIDRAW VIEW in the MORE OPTIONS menu of this document. ⚠==\n\n\n# Text Elements\n${texts}\n%%\n# Drawing\n`;
fs.writeFileSync(outJson, head + '```json\n' + JSON.stringify(scene, null, '\t') + '\n```\n%%');
const packed = lz.compressToBase64(JSON.stringify(scene));
const lines = packed.match(/.{1,256}/g).join('\n\n');
fs.writeFileSync(outCompressed, head + '```compressed-json\n' + lines + '\n```\n%%');
