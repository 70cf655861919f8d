"""Alerts: the stack's encrypted topic, the alarms and budget that notify it."""

from components.alerts.alerts_topic import AlertsTopic, AlertsTopicArgs
from components.alerts.pipeline_alarms import PipelineAlarms, PipelineAlarmsArgs
from components.alerts.stack_budget import StackBudget, StackBudgetArgs

__all__ = [
    "AlertsTopic",
    "AlertsTopicArgs",
    "PipelineAlarms",
    "PipelineAlarmsArgs",
    "StackBudget",
    "StackBudgetArgs",
]
