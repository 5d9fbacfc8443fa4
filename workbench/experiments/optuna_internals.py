"""What the experiments rely on in Optuna beyond its documented API, checked on the installed Optuna.

Optuna does not promise these; a new release may change them. `missing()` runs each on a small in-memory study
and names what no longer holds and where the workbench relies on it (a test calls it), as `keras_internals`
does for Keras. Tested with Optuna 4.9 to 5.1 (`pyproject.toml` keeps Optuna below 6).
"""

from __future__ import annotations

from collections.abc import Callable

import optuna


def _grid_id_attr() -> bool:
    """GridSampler records each trial's grid point as the system attribute `grid_id`."""
    study = optuna.create_study(sampler=optuna.samplers.GridSampler({"x": [1, 2]}, seed=0))
    study.optimize(lambda t: t.suggest_categorical("x", [1, 2]), n_trials=1)
    return isinstance(study.trials[0].system_attrs.get("grid_id"), int)


def _retry_keeps_attrs() -> bool:
    """RetryHeartbeatStaleTrialCallback queues a WAITING copy with the trial's parameters and user attributes."""
    study = optuna.create_study()
    trial = study.ask()
    trial.suggest_int("x", 0, 3)
    trial.set_user_attr("kept", 1)
    study.tell(trial, state=optuna.trial.TrialState.FAIL)
    optuna.storages.RetryHeartbeatStaleTrialCallback(max_retry=None)(study, study.trials[0])
    copy = study.trials[-1]
    return (copy.state == optuna.trial.TrialState.WAITING and copy.params == study.trials[0].params
            and copy.user_attrs.get("kept") == 1)


# (check, what it means, where the workbench relies on it)
INTERNALS: tuple[tuple[Callable[[], bool], str, str], ...] = (
    (_grid_id_attr, "GridSampler's system attribute grid_id",
     "study._grid_id: a grid point is trained once (`_taken`), and counted done once"),
    (_retry_keeps_attrs, "RetryHeartbeatStaleTrialCallback copies parameters and user attributes",
     "study.requeue: a stopped or stale trial is run again with its settings and the seeds it finished"),
)


def missing() -> list[str]:
    """One line per reliance that no longer holds, naming the Optuna version."""
    problems = []
    for check, what, used_by in INTERNALS:
        try:
            ok = check()
        except Exception as exc:  # noqa: BLE001 (any failure means the reliance broke)
            ok, what = False, f"{what} ({type(exc).__name__}: {exc})"
        if not ok:
            problems.append(f"Optuna {optuna.__version__}: {what} no longer holds (used by {used_by})")
    return problems
