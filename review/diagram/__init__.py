"""Diagrams of a synthesized stage: its architecture, its resources, two stages compared, a PR's changes.

What lives here (each file one concept):
- `kinds`, `externals`: the data tables (which resource types are components,
  how flows are labelled, which variable names mean which external service);
- `stack`, `components`, `hostnames`, `flows`, `calls`, `architecture`: from
  `cdk.tf.json` to components and labelled flows (the default view);
- `resources`: every resource and its references (`--level resources`);
- `compare`: two stages in one picture; `change_view`: the touched
  components of a plan review, coloured by action;
- `model`, `mermaid`, `dot`, `graphviz`: the render-agnostic picture and
  its Mermaid / DOT / SVG-PNG output;
- `api`: the entry points; `cli`: `sgct diagram`.

May import `stages`, `sensitive`, `policies` (input shape checks) and the
rest of `review`; nothing outside `review` and `sgct` imports it.
"""
