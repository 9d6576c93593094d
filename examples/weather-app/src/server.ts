/**
 * "Weather" with an MCP App: `get-forecast` answers with text for any client and, in hosts that render
 * MCP Apps, its result is shown in the `ui://weather/forecast.html` view, whose Refresh button calls the
 * view-only tool `refresh-forecast`. Clients without the extension see a plain `get-forecast` tool.
 * The forecast is made up (no network), so the example runs anywhere.
 */
import { McpServer, registerAppResource, registerAppTool } from '@mcpwire/server';
import { z } from 'zod';
import { WEATHER_VIEW_HTML } from './view.js';

const VIEW = 'ui://weather/forecast.html';
const SKIES = ['clear', 'cloudy', 'rain', 'snow', 'fog'];

/** A made-up but stable forecast: the same city gives the same weather. */
export function forecastFor(city: string): { city: string; celsius: number; sky: string } {
  let hash = 0;
  for (const char of city.toLowerCase()) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return { city, celsius: (hash % 35) - 5, sky: SKIES[hash % SKIES.length]! };
}

const forecastShape = { city: z.string(), celsius: z.number(), sky: z.string() };

function answer(city: string) {
  const forecast = forecastFor(city);
  return {
    // Text for the model and for clients that render no views (MCP Apps requires meaningful content).
    content: [{ type: 'text' as const, text: `${city}: ${forecast.celsius} °C, ${forecast.sky}` }],
    // Data for the view.
    structuredContent: forecast,
  };
}

export function createWeatherServer(): McpServer {
  const server = new McpServer({ name: 'weather-app', version: '1.0.0' });
  registerAppResource(
    server,
    'Forecast view',
    VIEW,
    { description: 'Shows a forecast; Refresh asks the server again', ui: { prefersBorder: true } },
    () => WEATHER_VIEW_HTML,
  );
  registerAppTool(
    server,
    'get-forecast',
    {
      description: 'The weather forecast for a city',
      inputSchema: { city: z.string().describe('City name') },
      outputSchema: forecastShape,
      ui: { resourceUri: VIEW },
    },
    ({ city }) => answer(city),
  );
  registerAppTool(
    server,
    'refresh-forecast',
    {
      description: 'Refreshes the forecast shown in the view',
      inputSchema: { city: z.string() },
      outputSchema: forecastShape,
      ui: { resourceUri: VIEW, visibility: ['app'] },
    },
    ({ city }) => answer(city),
  );
  return server;
}
