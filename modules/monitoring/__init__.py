"""Metrics, alarms, alarm topics and the `/health` check.

`metrics` holds the `Metric` value every construct's metric helpers return;
the rest turns metrics into CloudWatch alarms per stage thresholds. May
import `modules.compute`, `modules.app.bindings` and `stages`; imported by
`modules.app.platform_stack` (and `metrics` by any construct).
"""
