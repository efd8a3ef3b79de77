// Grafana's entry point, loaded on every Grafana page because of the alert-instance link: keep it tiny and
// await nothing. Translations load inside the lazy page chunks (appPlugin.tsx), as Metrics Drilldown's
// module.tsx does, so Grafana registers the link without waiting for them.
export { plugin } from './appPlugin';
