"""The typed model of the `alerts` section: who is told, and the stack's monthly budget.

Every pipeline failure of a stack reaches one encrypted SNS topic; this section says who
subscribes to it (email addresses, HTTPS webhooks of a chat tool or an on-call service)
and what the stack may spend per month. Unset values come from the environment
(`ALERTS_ENVIRONMENT_DEFAULTS`, one table), giving `ResolvedAlerts`; the resolved values
are then checked (`alerts_problems`). That prod tells somebody is the policy rule
`alerts-topic-subscribed` (mandatory in prod), so a synthetic prod stack still plans.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from pydantic import Field, field_validator

from stacks.model import Problem, StrictModel, either

# A pragmatic address check (RFC 5322 allows more, SNS accepts what mail servers do).
_EMAIL = r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$"
# SNS `https` subscriptions only: a plain-http endpoint would carry alerts in clear text.
_HTTPS_URL = r"^https://[A-Za-z0-9.-]+(:\d{1,5})?(/[^\s]*)?$"
Percent = Annotated[float, Field(gt=0, le=1000)]


@dataclass(frozen=True)
class AlertsEnvironmentDefaults:
    """What an environment implies for budgets and alarm thresholds."""

    monthly_budget_usd: float
    forecasted_threshold_percents: tuple[float, ...]
    actual_threshold_percents: tuple[float, ...]
    queued_tasks_threshold: int


ALERTS_ENVIRONMENT_DEFAULTS: dict[str, AlertsEnvironmentDefaults] = {
    "dev": AlertsEnvironmentDefaults(500.0, (100.0,), (80.0, 100.0), 20),
    "staging": AlertsEnvironmentDefaults(1500.0, (100.0,), (80.0, 100.0), 50),
    "prod": AlertsEnvironmentDefaults(6000.0, (100.0,), (80.0, 100.0), 100),
}


class BudgetConfig(StrictModel):
    """The stack's monthly cost budget (USD) and the percentages that notify."""

    monthly_limit_usd: Annotated[float, Field(gt=0, le=10_000_000)] | None = None
    """The monthly budget in USD; unset, the environment's."""
    forecasted_threshold_percents: tuple[Percent, ...] | None = None
    """Percentages of the budget whose forecast notifies; unset, the environment's."""
    actual_threshold_percents: tuple[Percent, ...] | None = None
    """Percentages of the budget whose actual spend notifies; unset, the environment's."""


class AlertsConfig(StrictModel):
    """Subscriptions of the stack's alerts topic, the budget and the MWAA alarm thresholds.

    `emails` get an email subscription each (SNS sends a confirmation first);
    `https_endpoints` get an `https` subscription each (plain http is refused).
    `credit_check_warehouse` is the platform warehouse (a key of `snowflake.warehouses`)
    that runs the daily Snowflake alert on credit use; unset, `reporting` if the stack
    has one, else its first warehouse.
    """

    emails: tuple[Annotated[str, Field(pattern=_EMAIL)], ...] = ()
    """Addresses subscribed to the alerts topic by email."""
    https_endpoints: tuple[Annotated[str, Field(pattern=_HTTPS_URL)], ...] = ()
    """HTTPS URLs subscribed to the alerts topic."""
    budget: BudgetConfig = BudgetConfig()
    """The stack's monthly AWS budget and when it notifies."""
    queued_tasks_threshold: Annotated[int, Field(ge=1, le=10_000)] | None = None
    """Queued Airflow tasks that raise the MWAA alarm; unset, the environment's."""
    credit_check_warehouse: str | None = None
    """The warehouse running the daily Snowflake credit alert; unset, `reporting` or the first."""

    @field_validator("emails", "https_endpoints")
    @classmethod
    def _unique(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        repeated = sorted({v for v in values if values.count(v) > 1})
        if repeated:
            raise ValueError(f"subscriptions must be unique; repeated: {', '.join(repeated)}")
        return values


@dataclass(frozen=True)
class ResolvedBudget:
    """The budget the stack creates, after defaults."""

    monthly_limit_usd: float
    forecasted_threshold_percents: tuple[float, ...]
    actual_threshold_percents: tuple[float, ...]


@dataclass(frozen=True)
class ResolvedAlerts:
    """The alerts section with every default applied."""

    emails: tuple[str, ...]
    https_endpoints: tuple[str, ...]
    budget: ResolvedBudget
    queued_tasks_threshold: int
    credit_check_warehouse: str | None


# The warehouse that runs the credit check when none is named, if the stack has it.
DEFAULT_CREDIT_CHECK_WAREHOUSE = "reporting"


def resolve_alerts(
    config: AlertsConfig, environment: str, warehouses: tuple[str, ...] = ()
) -> ResolvedAlerts:
    """Every unset value from the environment's row (explicit > environment); the credit
    check's warehouse from the stack's `warehouses` (None without Snowflake)."""
    defaults = ALERTS_ENVIRONMENT_DEFAULTS[environment]
    fallback = (
        DEFAULT_CREDIT_CHECK_WAREHOUSE
        if DEFAULT_CREDIT_CHECK_WAREHOUSE in warehouses
        else next(iter(warehouses), None)
    )
    b = config.budget
    return ResolvedAlerts(
        emails=config.emails,
        https_endpoints=config.https_endpoints,
        budget=ResolvedBudget(
            monthly_limit_usd=either(b.monthly_limit_usd, defaults.monthly_budget_usd),
            forecasted_threshold_percents=either(
                b.forecasted_threshold_percents, defaults.forecasted_threshold_percents
            ),
            actual_threshold_percents=either(
                b.actual_threshold_percents, defaults.actual_threshold_percents
            ),
        ),
        queued_tasks_threshold=either(
            config.queued_tasks_threshold, defaults.queued_tasks_threshold
        ),
        credit_check_warehouse=config.credit_check_warehouse or fallback,
    )


def alerts_problems(
    alerts: ResolvedAlerts, environment: str, warehouses: tuple[str, ...] = ()
) -> list[Problem]:
    """What is wrong with the resolved section, each located under `alerts`."""
    problems = []
    chosen = alerts.credit_check_warehouse
    if chosen is not None and chosen not in warehouses:
        allowed = ", ".join(warehouses) or "none: the stack has no snowflake section"
        problems.append(
            Problem(
                ("alerts", "credit_check_warehouse"),
                f"{chosen} is not a warehouse of snowflake.warehouses; allowed: {allowed}",
            )
        )
    budget = alerts.budget
    if not (budget.forecasted_threshold_percents or budget.actual_threshold_percents):
        problems.append(
            Problem(
                ("alerts", "budget"),
                "the budget needs at least one forecasted or actual threshold",
            )
        )
    for field in ("forecasted_threshold_percents", "actual_threshold_percents"):
        values = getattr(budget, field)
        if len(set(values)) != len(values):
            problems.append(
                Problem(("alerts", "budget", field), f"thresholds must be unique; got {values}")
            )
    return problems
