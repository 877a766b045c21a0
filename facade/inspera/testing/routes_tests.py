"""Tests: upsert, metadata, search, activation, candidates, contributors, committees and test options."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from . import documents
from .http import bad_request, external_system, json_object, list_of, not_found, test_or_404
from .model import Candidate, Committee, Contributor, Test, User
from .rules import OPTION_GROUPS, RuleViolation, check_activation, check_committee, check_option
from .seed import BASE_TIME
from .state import MAX_CANDIDATES_PER_TEST, SimulatorState

JSONDict = dict[str, Any]


def _moment(value: object, field: str) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise bad_request(f"'{field}' must be a date-time string")
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise bad_request(f"'{field}' is not an ISO 8601 date-time") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=BASE_TIME.tzinfo)


def _result(errors: list[JSONDict]) -> JSONResponse:
    return JSONResponse({"success": not errors, "errors": errors})


def _user_for(state: SimulatorState, auth: str, entry: JSONDict, student: bool) -> User:
    external_id = str(entry["externalId"])
    found = state.find_user_by_external_id(auth, external_id)
    if found:
        return found[0]
    user_id = state.new_id()
    user = User(
        user_id=user_id,
        username=f"{'s' if student else 't'}{user_id}",
        first_name=str(entry.get("firstName") or ""),
        last_name=str(entry.get("lastName") or ""),
        email=str(entry.get("email") or ""),
        external_ids=[(auth, external_id)],
        is_student=student,
    )
    state.users[user_id] = user
    return user


def routes(state: SimulatorState) -> list[Route]:
    async def create_or_update_test(request: Request) -> Response:
        body = await json_object(request)
        external_id, title = body.get("externalTestId"), body.get("title")
        if not isinstance(external_id, str) or not external_id or not isinstance(title, str):
            raise bad_request("'externalTestId' and 'title' are required strings")
        start = _moment(body.get("startTime"), "startTime")
        end = _moment(body.get("endTime"), "endTime")
        duration = body.get("duration")
        if duration is not None and (not isinstance(duration, int) or isinstance(duration, bool) or duration < 0):
            raise bad_request("'duration' must be a non-negative number of minutes")
        template_id = body.get("sourceTemplateId")
        template = state.tests.get(template_id) if isinstance(template_id, int) else None
        if template_id is not None and template is None:
            raise not_found(f"no test template {template_id}")
        system = external_system(request)
        existing = state.find_test(external_id, external=True, system=system)
        if existing is not None:
            existing.title = title
            existing.start = start or existing.start
            existing.duration_mins = duration if duration is not None else existing.duration_mins
            existing.end = end or existing.start + timedelta(minutes=existing.duration_mins)
            return JSONResponse({"success": True, "status": "updated", "assessmentRunId": existing.test_id})
        begin = start or BASE_TIME + timedelta(days=90)
        minutes = duration if duration is not None else 180
        test = Test(
            test_id=state.new_id(),
            external_id=external_id,
            title=title,
            status="created",
            start=begin,
            end=end or begin + timedelta(minutes=minutes),
            duration_mins=minutes,
            setup_id=state.new_id(),
            questions=list(template.questions) if template else [],
            group_name=template.group_name if template else "",
            external_system=system,
        )
        state.tests[test.test_id] = test
        return JSONResponse({"success": True, "status": "created", "assessmentRunId": test.test_id})

    async def search_tests(request: Request) -> Response:
        query = request.query_params
        hits = list(state.tests.values())
        if external := query.get("externalTestID"):
            system = external_system(request)
            hits = [t for t in hits if t.external_id == external and t.external_system == system]
        if title := query.get("title"):
            hits = [t for t in hits if title.lower() in t.title.lower()]
        if text := query.get("query"):
            hits = [t for t in hits if text.lower() in f"{t.title} {t.status} {t.external_id}".lower()]
        return JSONResponse({"hits": len(hits), "page": 0,
                             "results": [documents.search_hit(t, state.base_url) for t in hits]})

    async def get_test(request: Request) -> Response:
        return JSONResponse(documents.test_metadata(test_or_404(state, request)))

    async def activate_test(request: Request) -> Response:
        test = test_or_404(state, request)
        try:
            check_activation(test)
        except RuleViolation as violation:
            raise bad_request(str(violation)) from None
        test.status = "active"
        return Response(status_code=200)

    async def add_candidates(request: Request) -> Response:
        test = test_or_404(state, request)
        body = await json_object(request)
        auth = str(body.get("authenticationSystem") or "INSPERA")
        entries = list_of(body, "candidates")
        valid = [e for e in entries if isinstance(e.get("externalId"), str) and e["externalId"]]
        joining = {e["externalId"] for e in valid if not _assigned(state, test, auth, e["externalId"])}
        if len(test.candidates) + len(joining) > MAX_CANDIDATES_PER_TEST:
            raise bad_request(
                f"a test holds at most {MAX_CANDIDATES_PER_TEST} candidates: it has {len(test.candidates)} "
                f"and this request adds {len(joining)}"
            )
        errors: list[JSONDict] = []
        for entry in entries:
            if entry not in valid:
                errors.append({"externalId": entry.get("externalId"), "message": "externalId is required"})
                continue
            flags = {name: entry.get(name) for name in ("removeRoomName", "removeBuildingName")}
            if any(value is not None and not isinstance(value, bool) for value in flags.values()):
                errors.append({"externalId": entry["externalId"],
                               "message": "removeRoomName and removeBuildingName take true or false"})
                continue
            user = _user_for(state, auth, entry, student=True)
            candidate = test.candidate(user.user_id)
            if candidate is None:
                candidate = Candidate(user, str(1000 + len(test.candidates) + 1), state.new_id())
                test.candidates.append(candidate)
            extra = entry.get("extraTimeMins")
            if isinstance(extra, int) and not isinstance(extra, bool):
                candidate.extra_time_mins = extra
            # An empty name leaves the old one in place (as Inspera does); only the remove flags clear it.
            building, room = entry.get("buildingName") or candidate.building, entry.get("roomName") or candidate.room
            candidate.building = None if flags["removeBuildingName"] else building
            candidate.room = None if flags["removeRoomName"] else room
        return _result(errors)

    async def list_contributors(request: Request) -> Response:
        return JSONResponse([documents.contributor(c) for c in test_or_404(state, request).contributors])

    async def add_contributors(request: Request) -> Response:
        test = test_or_404(state, request)
        body = await json_object(request)
        auth = str(body.get("authenticationSystem") or "INSPERA")
        errors: list[JSONDict] = []
        for entry in list_of(body, "contributors"):
            external_id = entry.get("externalId")
            if not isinstance(external_id, str) or not external_id:
                errors.append({"externalId": external_id, "message": "externalId is required"})
                continue
            names = [n for n in entry.get("committeesName") or [] if isinstance(n, str)]
            unknown = [n for n in names if n not in test.committees]
            if unknown:
                errors.append({"externalId": external_id, "message": f"unknown committees: {', '.join(unknown)}"})
                continue
            user = _user_for(state, auth, entry, student=False)
            roles = [r for r in entry.get("roles") or ["GRADER"] if isinstance(r, str)]
            current = next((c for c in test.contributors if c.user.user_id == user.user_id), None)
            if current is None:
                current = Contributor(user, roles, [])
                test.contributors.append(current)
            current.roles = sorted(set(current.roles) | set(roles))
            for name in names:
                _join(test.committees[name].contributors, external_id)
                _join(current.committees, name)
        return _result(errors)

    async def create_committees(request: Request) -> Response:
        test = test_or_404(state, request)
        committees = list_of(await json_object(request), "committees")
        try:
            checked = [check_committee(c) for c in committees]
        except RuleViolation as violation:
            raise bad_request(str(violation)) from None
        for name, kind in checked:
            test.committees.setdefault(name, Committee(name, kind)).kind = kind
        return _result([])

    async def delete_committees(request: Request) -> Response:
        test = test_or_404(state, request)
        errors: list[JSONDict] = []
        for committee in list_of(await json_object(request), "committees"):
            name = committee.get("name")
            if not isinstance(name, str) or name not in test.committees:
                errors.append({"name": name, "message": "no such committee"})
                continue
            del test.committees[name]
            for entry in test.contributors:
                entry.committees = [n for n in entry.committees if n != name]
        return _result(errors)

    def members(test: Test, committee: Committee, candidates: bool) -> list[str]:
        return committee.candidates if candidates else committee.contributors

    def known(test: Test, candidates: bool) -> set[str]:
        if candidates:
            return {c.external_id for c in test.candidates}
        return {c.user.external_ids[0][1] for c in test.contributors if c.user.external_ids}

    def mover(candidates: bool) -> Any:
        async def move(request: Request) -> Response:
            test = test_or_404(state, request)
            body = await json_object(request)
            ids = list_of(body, "externalIds", str)
            target, source = body.get("toCommittee"), body.get("fromCommittee")
            if not isinstance(target, str) or target not in test.committees:
                raise not_found(f"no committee {target!r}")
            if source is not None and (not isinstance(source, str) or source not in test.committees):
                raise not_found(f"no committee {source!r}")
            errors: list[JSONDict] = []
            present = known(test, candidates)
            for external_id in ids:
                if external_id not in present:
                    errors.append({"externalId": external_id, "message": "not assigned to this test"})
                    continue
                sources = [test.committees[source]] if source else list(test.committees.values())
                for committee in sources:
                    listed = members(test, committee, candidates)
                    if external_id in listed:
                        listed.remove(external_id)
                _join(members(test, test.committees[target], candidates), external_id)
                if not candidates:
                    _sync_contributor_committees(test)
            return _result(errors)

        return move

    def remover(candidates: bool) -> Any:
        async def remove(request: Request) -> Response:
            test = test_or_404(state, request)
            body = await json_object(request)
            ids = list_of(body, "externalIds", str)
            name = body.get("committee")
            if not isinstance(name, str) or name not in test.committees:
                raise not_found(f"no committee {name!r}")
            listed = members(test, test.committees[name], candidates)
            errors: list[JSONDict] = []
            for external_id in ids:
                if external_id in listed:
                    listed.remove(external_id)
                else:
                    errors.append({"externalId": external_id, "message": f"not a member of {name}"})
            if not candidates:
                _sync_contributor_committees(test)
            return _result(errors)

        return remove

    async def set_test_options(request: Request) -> Response:
        test = test_or_404(state, request)
        body = await json_object(request)
        groups = body.get("testOptions")
        if not isinstance(groups, dict):
            raise bad_request("'testOptions' must be an object")
        changes: list[tuple[str, JSONDict]] = []
        try:
            for group in OPTION_GROUPS:
                for option in list_of(groups, group) if group in groups else []:
                    check_option(group, option, test.status)
                    changes.append((group, option))
        except RuleViolation as violation:
            raise bad_request(str(violation)) from None
        for group, option in changes:  # all-or-nothing: nothing is applied if one option is refused
            stored = test.options.setdefault(group, {})
            if option.get("value") is None:
                stored.pop(option["option"], None)
            else:
                stored[option["option"]] = option["value"]
        return JSONResponse({"success": True})

    test_path = "/v1/test/{testId:int}"
    # Committee calls accept an external test id (isExternal=true), which need not be a number.
    external_path = "/v1/test/{testId}"
    return [
        Route("/v1/test", create_or_update_test, methods=["POST"]),
        Route("/v1/test/search", search_tests, methods=["GET"]),
        Route(test_path, get_test, methods=["GET"]),
        Route(f"{test_path}/candidates", add_candidates, methods=["POST"]),
        Route(f"{test_path}/contributors", list_contributors, methods=["GET"]),
        Route(f"{test_path}/contributors", add_contributors, methods=["POST"]),
        Route(f"{external_path}/committees", create_committees, methods=["POST"]),
        Route(f"{external_path}/committees", delete_committees, methods=["DELETE"]),
        Route(f"{external_path}/committees/candidates/move", mover(True), methods=["POST"]),
        Route(f"{external_path}/committees/candidates/remove", remover(True), methods=["POST"]),
        Route(f"{external_path}/committees/contributors/move", mover(False), methods=["POST"]),
        Route(f"{external_path}/committees/contributors/remove", remover(False), methods=["POST"]),
        Route(f"{test_path}/options", set_test_options, methods=["POST"]),
        Route(f"{test_path}/activate", activate_test, methods=["POST"]),
    ]


def _assigned(state: SimulatorState, test: Test, auth: str, external_id: str) -> bool:
    return any(test.candidate(user.user_id) is not None for user in state.find_user_by_external_id(auth, external_id))


def _join(items: list[str], item: str) -> None:
    if item not in items:
        items.append(item)


def _sync_contributor_committees(test: Test) -> None:
    for entry in test.contributors:
        ident = entry.user.external_ids[0][1] if entry.user.external_ids else None
        entry.committees = [c.name for c in test.committees.values() if ident in c.contributors]
