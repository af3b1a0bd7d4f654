from kongthun.interfaces.web.helpers import scope_of


def scope(request):
    return {"scope": scope_of(request)}
