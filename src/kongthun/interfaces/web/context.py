from kongthun.access.scope import scope_for


def scope(request):
    if not hasattr(request, "_kongthun_scope"):
        request._kongthun_scope = scope_for(getattr(request, "user", None))
    return {"scope": request._kongthun_scope}
