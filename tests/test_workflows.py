"""The GitHub workflows publish only what the tests accept, and a pull request gets a preview but publishes nothing.

Each rule is a function that lists what is wrong with one parsed workflow. The real workflows must have no
problems, and each rule is also shown a copy of them broken in the way it guards against, so it is known to fail.
"""

import copy
import re
import shlex
from pathlib import Path

import pytest
import yaml

from support.project import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
CI_RUN = ROOT / ".ci" / "run"
# The condition that keeps pull requests and other branches from publishing.
MAIN_PUSH = {"github.event_name == 'push'", "github.ref == 'refs/heads/main'"}
DEPLOY_ACTION = "actions/deploy-pages"
# Status functions that let a job run although a job it needs failed or was cancelled.
RUNS_ANYWAY = re.compile(r"\b(always|failure|cancelled)\s*\(")
# What a job that a pull request can start must never use or be given.
PUBLISHING_ACTIONS = {DEPLOY_ACTION, "actions/upload-pages-artifact", "actions/configure-pages"}
WRITE_SCOPES = ("pages", "id-token", "contents", "deployments")
SUMMARY = re.compile(r'>>\s*"?\$GITHUB_STEP_SUMMARY"?')
PR_NUMBER = "github.event.pull_request.number"


def load(path: Path) -> dict:
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as the boolean true.
    workflow["on"] = workflow.pop(True, workflow.get("on"))
    return workflow


def ci_commands() -> list[str]:
    """The commands .ci/run runs, without comments and shell set-up (`set -e…`, `cd`)."""
    lines = [line.strip() for line in CI_RUN.read_text(encoding="utf-8").splitlines()]
    return [line for line in lines if line and not line.startswith("#") and line.split()[0] not in {"set", "cd"}]


def runs(job: dict) -> list[str]:
    return [" ".join(shlex.split(step["run"])) for step in job.get("steps", []) if "run" in step]


def uses(job: dict) -> list[str]:
    return [step["uses"].split("@")[0] for step in job.get("steps", []) if "uses" in step]


def needs(job: dict) -> list[str]:
    value = job.get("needs", [])
    return [value] if isinstance(value, str) else list(value)


def upstream(jobs: dict, name: str) -> set[str]:
    """Every job that `name` waits for, directly or through another job."""
    found: set[str] = set()
    todo = needs(jobs[name])
    while todo:
        job = todo.pop()
        if job not in found:
            found.add(job)
            todo.extend(needs(jobs[job]))
    return found


def clauses(condition: str) -> set[str]:
    condition = condition.strip().removeprefix("${{").removesuffix("}}")
    return {" ".join(part.split()) for part in condition.split("&&")}


def ci_job(workflow: dict, commands: list[str]) -> str | None:
    """The job that runs the commands of .ci/run, in their order."""
    for name, job in workflow["jobs"].items():
        steps = iter(runs(job))
        if all(command in steps for command in commands):
            return name
    return None


def deploy_jobs(workflow: dict) -> list[str]:
    return [name for name, job in workflow["jobs"].items() if DEPLOY_ACTION in uses(job)]


def untimed(workflow: dict) -> list[str]:
    return [
        f"job {name} has no timeout-minutes"
        for name, job in workflow["jobs"].items()
        if not (isinstance(job.get("timeout-minutes"), int) and job["timeout-minutes"] > 0)
    ]


def unguarded_deploys(workflow: dict, commands: list[str]) -> list[str]:
    problems = []
    jobs = workflow["jobs"]
    tests = ci_job(workflow, commands)
    for name in deploy_jobs(workflow):
        before = upstream(jobs, name)
        if tests is None or tests not in before:
            problems.append(f"job {name} deploys without waiting for the job that runs {commands}")
            continue
        between = [job for job in before if tests in upstream(jobs, job)] + [name]
        problems += [
            f"job {job} runs even when the tests fail"
            for job in between
            if RUNS_ANYWAY.search(str(jobs[job].get("if", "")))
        ]
        condition = str(jobs[name].get("if", ""))
        if "||" in condition or not MAIN_PUSH.issubset(clauses(condition)):
            problems.append(f"job {name} may deploy from a pull request or another branch (if: {condition!r})")
    return problems


def untested_pull_requests(workflow: dict, commands: list[str]) -> list[str]:
    tests = ci_job(workflow, commands)
    if tests is None:
        return []
    problems = [f"the tests do not run on {event}" for event in ("push", "pull_request") if event not in workflow["on"]]
    if "if" in workflow["jobs"][tests]:
        problems.append(f"job {tests} runs only under a condition")
    return problems


def may_run_on_pull_requests(job: dict) -> bool:
    """Unless its condition requires a push (or main), a job runs on a pull request too."""
    condition = str(job.get("if", ""))
    return "||" in condition or not clauses(condition) & MAIN_PUSH


def publishing_from_pull_requests(workflow: dict) -> list[str]:
    problems = []
    if "pull_request" not in workflow["on"]:
        return []
    for name, job in workflow["jobs"].items():
        if not may_run_on_pull_requests(job):
            continue
        problems += [f"job {name} runs on pull requests and uses {a}" for a in uses(job) if a in PUBLISHING_ACTIONS]
        granted = job.get("permissions", workflow.get("permissions", {}))
        if isinstance(granted, str):
            granted = dict.fromkeys(WRITE_SCOPES, "write" if granted == "write-all" else "read")
        problems += [
            f"job {name} runs on pull requests with {s}: write" for s in WRITE_SCOPES if granted.get(s) == "write"
        ]
    return problems


def _expand(text: str, job: dict) -> str:
    """`${{ env.NAME }}` replaced by the job's own env value, so a name set once is checked where it is used."""
    return re.sub(r"\$\{\{\s*env\.(\w+)\s*\}\}", lambda m: str(job.get("env", {}).get(m[1], m[0])), text)


def missing_preview(workflow: dict) -> list[str]:
    """The job a pull request gets: make changes into the summary, a build, the site uploaded under the
    pull request's number, and a line on how to open it locally."""
    found = [
        (name, job)
        for name, job in workflow["jobs"].items()
        if may_run_on_pull_requests(job) and "make build" in runs(job)
    ]
    if "pull_request" not in workflow["on"] or not found:
        return ["no job builds a preview of a pull request"]
    name, job = found[0]
    steps = job.get("steps", [])
    raw = [str(step.get("run", "")).strip() for step in steps]
    problems = []
    if not any(r.startswith("make changes") and SUMMARY.search(r) for r in raw):
        problems.append(f"job {name} does not write make changes into $GITHUB_STEP_SUMMARY")
    checkout = next((st for st in steps if str(st.get("uses", "")).startswith("actions/checkout")), {})
    if checkout.get("with", {}).get("fetch-depth") != 0:
        problems.append(f"job {name} checks out without history (fetch-depth: 0), so make changes has no base")
    upload = next((st for st in steps if str(st.get("uses", "")).startswith("actions/upload-artifact")), None)
    if upload is None or PR_NUMBER not in _expand(str(upload.get("with", {}).get("name", "")), job):
        problems.append(f"job {name} does not upload the site as an artifact named for the pull request")
    elif upload["with"].get("path", "").rstrip("/") != "site" or raw.index("make build") > steps.index(upload):
        problems.append(f"job {name} does not upload the site it built")
    if not any(SUMMARY.search(r) and "http.server" in r and "PREVIEW" in r for r in raw):
        problems.append(f"job {name} does not say in the summary how to open the preview locally")
    return problems


@pytest.fixture(scope="module")
def workflows() -> dict[str, dict]:
    return {path.name: load(path) for path in WORKFLOWS}


@pytest.fixture(scope="module")
def publishing(workflows) -> dict:
    """The workflow that deploys; there is exactly one."""
    found = [workflow for workflow in workflows.values() if deploy_jobs(workflow)]
    assert len(found) == 1, f"expected one workflow that uses {DEPLOY_ACTION}, found {len(found)}"
    return found[0]


def test_ci_runs_make_test():
    assert ci_commands() == ["make test"]


def test_the_real_workflows_have_no_problems(workflows, publishing):
    commands = ci_commands()
    assert ci_job(publishing, commands), f"no job in the publishing workflow runs {commands}"
    problems = {
        name: untimed(workflow)
        + unguarded_deploys(workflow, commands)
        + untested_pull_requests(workflow, commands)
        + publishing_from_pull_requests(workflow)
        for name, workflow in workflows.items()
    }
    assert problems == {name: [] for name in workflows}
    assert missing_preview(publishing) == []


# Each rule, shown the publishing workflow broken in the way it guards against.


def test_a_deploy_that_does_not_wait_for_the_tests_is_caught(publishing):
    broken = copy.deepcopy(publishing)
    for job in broken["jobs"].values():
        job.pop("needs", None)
    deploy = deploy_jobs(broken)[0]
    assert unguarded_deploys(broken, ci_commands()) == [
        f"job {deploy} deploys without waiting for the job that runs ['make test']"
    ]


def test_a_deploy_that_runs_after_failed_tests_is_caught(publishing):
    broken = copy.deepcopy(publishing)
    deploy = deploy_jobs(broken)[0]
    broken["jobs"][deploy]["if"] = "${{ always() && " + " && ".join(sorted(MAIN_PUSH)) + " }}"
    assert unguarded_deploys(broken, ci_commands()) == [f"job {deploy} runs even when the tests fail"]


@pytest.mark.parametrize(
    "condition",
    [None, "github.event_name == 'push'", "github.ref == 'refs/heads/main' || github.event_name == 'pull_request'"],
)
def test_a_deploy_from_a_pull_request_or_branch_is_caught(publishing, condition):
    broken = copy.deepcopy(publishing)
    deploy = deploy_jobs(broken)[0]
    broken["jobs"][deploy].pop("if")
    if condition:
        broken["jobs"][deploy]["if"] = condition
    [problem] = unguarded_deploys(broken, ci_commands())
    assert problem.startswith(f"job {deploy} may deploy from a pull request or another branch")


def test_a_job_without_a_timeout_is_caught(publishing):
    broken = copy.deepcopy(publishing)
    deploy = deploy_jobs(broken)[0]
    broken["jobs"][deploy].pop("timeout-minutes")
    assert untimed(broken) == [f"job {deploy} has no timeout-minutes"]


def test_a_test_job_that_runs_something_else_than_ci_is_caught(publishing):
    broken = copy.deepcopy(publishing)
    commands = ci_commands()
    tests = ci_job(broken, commands)
    for step in broken["jobs"][tests]["steps"]:
        if step.get("run", "").strip() in commands:
            step["run"] = "python -m pytest -x"
    assert ci_job(broken, commands) is None
    assert unguarded_deploys(broken, commands)[0].endswith(f"without waiting for the job that runs {commands}")


def test_tests_that_skip_pull_requests_are_caught(publishing):
    broken = copy.deepcopy(publishing)
    commands = ci_commands()
    broken["on"] = {"push": {"branches": ["main"]}}
    broken["jobs"][ci_job(broken, commands)]["if"] = "github.event_name == 'push'"
    assert untested_pull_requests(broken, commands) == [
        "the tests do not run on pull_request",
        f"job {ci_job(broken, commands)} runs only under a condition",
    ]


# A pull request's preview, and what it must never do.


def _preview(workflow: dict) -> str:
    return next(n for n, j in workflow["jobs"].items() if may_run_on_pull_requests(j) and "make build" in runs(j))


@pytest.mark.parametrize(
    ("step", "scopes"),
    [({"uses": "actions/deploy-pages@v4"}, {}), ({"uses": "actions/upload-pages-artifact@v3"}, {}), (None, "pages")],
)
def test_a_pull_request_job_that_could_publish_is_caught(publishing, step, scopes):
    broken = copy.deepcopy(publishing)
    job = broken["jobs"][_preview(broken)]
    if step:
        job["steps"].append(step)
        expected = f"job {_preview(broken)} runs on pull requests and uses {step['uses'].split('@')[0]}"
    else:
        job["permissions"] = {scopes: "write"}
        expected = f"job {_preview(broken)} runs on pull requests with {scopes}: write"
    assert publishing_from_pull_requests(broken) == [expected]


def test_write_all_permissions_on_a_pull_request_are_caught(publishing):
    broken = copy.deepcopy(publishing)
    broken["jobs"][_preview(broken)]["permissions"] = "write-all"
    assert len(publishing_from_pull_requests(broken)) == len(WRITE_SCOPES)


def test_the_deploy_jobs_are_not_pull_request_jobs(publishing):
    assert not any(may_run_on_pull_requests(publishing["jobs"][name]) for name in deploy_jobs(publishing))
    assert _preview(publishing) not in deploy_jobs(publishing)


def test_a_preview_without_make_changes_in_the_summary_is_caught(publishing):
    broken = copy.deepcopy(publishing)
    job = broken["jobs"][_preview(broken)]
    for step in job["steps"]:
        if str(step.get("run", "")).startswith("make changes"):
            step["run"] = "make changes"  # printed to the log only
    assert missing_preview(broken) == [f"job {_preview(broken)} does not write make changes into $GITHUB_STEP_SUMMARY"]


def test_a_shallow_checkout_is_caught(publishing):
    broken = copy.deepcopy(publishing)
    job = broken["jobs"][_preview(broken)]
    next(st for st in job["steps"] if st.get("uses", "").startswith("actions/checkout")).pop("with")
    assert missing_preview(broken) == [
        f"job {_preview(broken)} checks out without history (fetch-depth: 0), so make changes has no base"
    ]


def test_a_preview_artifact_not_named_for_the_pull_request_is_caught(publishing):
    broken = copy.deepcopy(publishing)
    job = broken["jobs"][_preview(broken)]
    job["env"] = {k: v for k, v in job.get("env", {}).items()} | {"PREVIEW": "site"}
    assert missing_preview(broken) == [
        f"job {_preview(broken)} does not upload the site as an artifact named for the pull request"
    ]


def test_a_preview_without_the_way_to_open_it_is_caught(publishing):
    broken = copy.deepcopy(publishing)
    job = broken["jobs"][_preview(broken)]
    job["steps"] = [st for st in job["steps"] if "http.server" not in str(st.get("run", ""))]
    assert missing_preview(broken) == [
        f"job {_preview(broken)} does not say in the summary how to open the preview locally"
    ]


def test_no_preview_at_all_is_caught(publishing):
    broken = copy.deepcopy(publishing)
    del broken["jobs"][_preview(broken)]
    assert missing_preview(broken) == ["no job builds a preview of a pull request"]


# ---------- the scheduled quote check (make verify) ----------

VERIFY = "make verify"
SCHEDULED = {"schedule", "workflow_dispatch"}


def verify_problems(workflow: dict, others: list[dict]) -> list[str]:
    """A quote check runs on a schedule and on demand, reports to the job summary even when it fails,
    and can neither publish nor hold up anything that does."""
    problems = []
    on = workflow["on"] if isinstance(workflow["on"], dict) else dict.fromkeys(workflow["on"])
    if set(on) != SCHEDULED:
        problems.append(f"the quote check runs on {sorted(on)}, not only on {sorted(SCHEDULED)}")
    if not any(isinstance(c.get("cron"), str) for c in on.get("schedule") or []):
        problems.append("the quote check has no weekly schedule")
    jobs = workflow["jobs"]
    steps = [step for job in jobs.values() for step in job.get("steps", [])]
    at = next((n for n, step in enumerate(steps) if VERIFY in step.get("run", "")), None)
    if at is None:
        return [*problems, f"no step runs {VERIFY}"]
    reports = [s for s in steps[at + 1 :] if "GITHUB_STEP_SUMMARY" in s.get("run", "")]
    if not any(RUNS_ANYWAY.search(str(s.get("if", ""))) for s in reports):
        problems.append("the report reaches the job summary only when every quote passed")
    problems += [f"job {name} publishes" for name, job in jobs.items() if set(uses(job)) & PUBLISHING_ACTIONS]
    name = workflow.get("name")
    for other in others:
        if name in str((other["on"] or {}).get("workflow_run", {}) if isinstance(other["on"], dict) else ""):
            problems.append(f"workflow {other.get('name')} waits for the quote check")
    return problems


@pytest.fixture(scope="module")
def verifying(workflows) -> tuple[dict, list[dict]]:
    """The workflow that runs make verify (there is exactly one), and the others."""
    found = [n for n, wf in workflows.items() if any(VERIFY in r for job in wf["jobs"].values() for r in runs(job))]
    assert len(found) == 1, f"expected one workflow that runs {VERIFY}, found {found}"
    return workflows[found[0]], [wf for n, wf in workflows.items() if n != found[0]]


def test_the_quote_check_runs_weekly_reports_and_never_blocks_a_deploy(verifying):
    assert verify_problems(*verifying) == []


def test_the_quote_check_is_not_part_of_the_tests_that_gate_a_deploy(publishing):
    assert not any(VERIFY in r for job in publishing["jobs"].values() for r in runs(job))


@pytest.mark.parametrize(
    "break_it, problem",
    [
        (lambda wf, o: wf["on"].pop("schedule"), "the quote check runs on ['workflow_dispatch'], not only on"),
        (lambda wf, o: wf["on"].update(push=None), "the quote check runs on ['push', 'schedule', 'workflow_dispatch']"),
        (
            lambda wf, o: [s.pop("if", None) for j in wf["jobs"].values() for s in j["steps"]],
            "the report reaches the job summary only when every quote passed",
        ),
        (
            lambda wf, o: [
                s.update(run="python -m pytest")
                for j in wf["jobs"].values()
                for s in j["steps"]
                if VERIFY in s.get("run", "")
            ],
            f"no step runs {VERIFY}",
        ),
        (
            lambda wf, o: next(iter(wf["jobs"].values()))["steps"].append({"uses": f"{DEPLOY_ACTION}@v4"}),
            "job verify publishes",
        ),
        (
            lambda wf, o: o[0].__setitem__("on", {"workflow_run": {"workflows": [wf["name"]]}}),
            "waits for the quote check",
        ),
    ],
    ids=["no-schedule", "on-push", "report-only-on-success", "no-make-verify", "deploys", "another-waits-for-it"],
)
def test_a_broken_quote_check_is_caught(verifying, break_it, problem):
    workflow, others = copy.deepcopy(verifying)
    break_it(workflow, others)
    assert any(p.startswith(problem) or problem in p for p in verify_problems(workflow, others))
