/** The fixture client for the official conformance suite's client scenarios. */

export { runFixtureClient } from './command.js';
export { parseScenarioContext, type ScenarioContext } from './context.js';
export { SCENARIOS, type Scenario, type ScenarioRun } from './scenarios.js';
