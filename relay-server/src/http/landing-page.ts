/** The page at "/": where a newcomer starts. In demo mode it pairs registers with one click. */
export function landingPage(demo: boolean): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Kasa</title><link rel="icon" href="data:,">
<style>
  :root { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2430; background: #f4f5f7; }
  body { margin: 0; display: grid; place-items: center; min-height: 100vh; }
  main { background: #fff; border-radius: 16px; box-shadow: 0 8px 30px rgba(20,30,50,.08); padding: 40px 44px; max-width: 560px; width: calc(100% - 32px); box-sizing: border-box; }
  h1 { margin: 0 0 4px; font-size: 28px; letter-spacing: -.02em; } h1 span { color: #0f766e; }
  p { color: #5b6472; line-height: 1.5; }
  .grid { display: grid; gap: 12px; margin-top: 24px; }
  a.button, button { display: flex; justify-content: space-between; align-items: center; min-height: 56px; padding: 0 20px; border-radius: 12px; border: 1px solid #d8dce3; background: #fff; font: inherit; font-size: 17px; color: inherit; text-decoration: none; cursor: pointer; }
  a.button:hover, button:hover { border-color: #0f766e; }
  .primary { background: #0f766e !important; color: #fff !important; border-color: #0f766e !important; }
  small { color: #7a8391; } code { background: #f1f3f6; padding: 2px 6px; border-radius: 6px; }
</style></head>
<body><main>
<h1><span>Kasa</span> point of sale</h1>
<p>Registers keep selling offline; the relay brings every sale to the back office when the connection is back.</p>
<div class="grid" id="links">
  <a class="button primary" href="/back-office/">Back office <small style="color:#d7f0ec">owners</small></a>
</div>
${demo ? `<p id="demo-note"></p>` : `<p>Pair a register with the code from <b>Back office → POS devices</b>, at <a href="/register/">/register/</a>.</p>`}
</main>
${
  demo
    ? `<script type="module">
  const demo = await (await fetch("/api/demo")).json();
  const links = document.getElementById("links");
  for (const store of demo.stores) for (const reg of store.registers) {
    const b = document.createElement("button");
    b.innerHTML = "Register " + reg.number + " <small>" + reg.name + " · " + store.name + "</small>";
    b.onclick = async () => {
      const r = await fetch("/api/demo/stores/" + store.storeId + "/registers/" + reg.number + "/pairing-code", { method: "POST" });
      const { code } = await r.json();
      window.open("/register/#pair=" + code, "_blank");
    };
    links.append(b);
  }
  document.getElementById("demo-note").innerHTML = "Demo store. Back office sign-in: <code>" + demo.owner.email + "</code> / <code>" + demo.owner.password + "</code>. Each register button pairs a fresh browser tab (one register per browser profile).";
</script>`
    : ""
}
</body></html>`;
}
