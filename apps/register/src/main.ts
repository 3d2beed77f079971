// Entry point: the language first (so the first screen is already in it), then the elements;
// index.html holds <register-app>.
import { startLocalization } from "./i18n/localization.js";

await startLocalization().catch(() => undefined);
await import("./components/register-app.js");
