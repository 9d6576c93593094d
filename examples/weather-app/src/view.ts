/**
 * The app's view: one HTML document the host renders in a sandboxed iframe. It speaks the MCP Apps
 * protocol with the host over postMessage (JSON-RPC): `ui/initialize`, then `ui/notifications/initialized`;
 * the host sends the tool's result as `ui/notifications/tool-result`, and the view may call the server's
 * tools through the host (`tools/call`). No SDK and no build step: plain HTML and JavaScript.
 */
export const WEATHER_VIEW_HTML = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Forecast</title>
<style>
  body { font-family: var(--font-sans, system-ui, sans-serif); margin: 1rem; color: var(--color-text-primary, #222); }
  .temperature { font-size: 2.5rem; margin: 0.25rem 0; }
  button { font: inherit; }
</style>
</head>
<body>
<h1 id="city">Waiting for a forecast…</h1>
<p class="temperature" id="temperature"></p>
<p id="sky"></p>
<button id="refresh" hidden>Refresh</button>
<script>
  let nextId = 1;
  let city;
  const waiting = new Map();
  function request(method, params) {
    const id = nextId++;
    window.parent.postMessage({ jsonrpc: '2.0', id, method, params }, '*');
    return new Promise((resolve, reject) => waiting.set(id, { resolve, reject }));
  }
  function notify(method, params) {
    window.parent.postMessage({ jsonrpc: '2.0', method, params }, '*');
  }
  function show(forecast) {
    if (!forecast) return;
    city = forecast.city;
    document.getElementById('city').textContent = forecast.city;
    document.getElementById('temperature').textContent = forecast.celsius + ' °C';
    document.getElementById('sky').textContent = forecast.sky;
    document.getElementById('refresh').hidden = false;
  }
  window.addEventListener('message', (event) => {
    if (event.source !== window.parent) return;
    const message = event.data;
    if (!message || message.jsonrpc !== '2.0') return;
    if (message.id !== undefined && waiting.has(message.id)) {
      const { resolve, reject } = waiting.get(message.id);
      waiting.delete(message.id);
      if (message.error) reject(new Error(message.error.message));
      else resolve(message.result);
      return;
    }
    if (message.method === 'ui/notifications/tool-result') show(message.params.structuredContent);
  });
  document.getElementById('refresh').addEventListener('click', async () => {
    const result = await request('tools/call', { name: 'refresh-forecast', arguments: { city } });
    show(result.structuredContent);
  });
  request('ui/initialize', {
    appInfo: { name: 'weather-view', version: '1.0.0' },
    appCapabilities: {},
    protocolVersion: '2026-01-26',
  }).then(() => notify('ui/notifications/initialized', {}));
</script>
</body>
</html>
`;
