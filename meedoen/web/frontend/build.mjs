// Copies the NL Design System CSS (Utrecht components and design tokens) from node_modules into
// meedoen/web/static/nlds/, where Django's staticfiles finds it. Run by `npm run build`.
import { copyFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const out = join(dirname(fileURLToPath(import.meta.url)), "..", "static", "nlds");
const files = {
  "@utrecht/component-library-css/dist/index.css": "utrecht-components.css",
  "@utrecht/design-tokens/dist/theme.css": "utrecht-theme.css",
};

mkdirSync(out, { recursive: true });
for (const [from, to] of Object.entries(files)) {
  copyFileSync(require.resolve(from), join(out, to));
  console.log(`static/nlds/${to} <- ${from}`);
}
