// Copies the browser assets from node_modules into meedoen/web/static/nlds/, where Django's
// staticfiles finds them. Run by `npm run build`.
// - NL Design System CSS: the Utrecht components and base tokens, and the design tokens a
//   municipality publishes itself (Nijmegen: @gemeentenijmegen/design-tokens, scoped to
//   .nijmegen-theme; loaded only when MEEDOEN_MUNICIPALITY is nijmegen, see meedoen/web/themes/).
// - The QR-code scanner of the provider's till: @zxing/browser's UMD build, which carries
//   @zxing/library inside it (one self-contained file, global ZXingBrowser); loaded by that page only.
import { copyFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const out = join(dirname(fileURLToPath(import.meta.url)), "..", "static", "nlds");
const files = {
  "@utrecht/component-library-css/dist/index.css": "utrecht-components.css",
  "@utrecht/design-tokens/dist/theme.css": "utrecht-theme.css",
  "@gemeentenijmegen/design-tokens/dist/index.css": "nijmegen-theme.css",
  "@zxing/browser/umd/zxing-browser.min.js": "zxing-browser.min.js",
};

// A package's exports map may not list its dist files: resolve its package.json, then the path.
function resolve(spec) {
  const [scope, name, ...rest] = spec.split("/");
  try {
    return require.resolve(spec);
  } catch {
    return join(dirname(require.resolve(`${scope}/${name}/package.json`)), ...rest);
  }
}

mkdirSync(out, { recursive: true });
for (const [from, to] of Object.entries(files)) {
  copyFileSync(resolve(from), join(out, to));
  console.log(`static/nlds/${to} <- ${from}`);
}
