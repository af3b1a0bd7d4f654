from django.conf import settings
from django.contrib.auth import views as auth_views

# Demo accounts (kongthun demo); listed on the login page only in DEBUG or demo mode.
DEMO_USERNAMES = ("treasurer", "committee", "auditor", "member", "coordinator", "codi", "admin")
DEMO_PASSWORD = "kongthun"


class LoginView(auth_views.LoginView):
    template_name = "web/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if settings.DEBUG or getattr(settings, "KONGTHUN_DEMO", False):
            context["demo_users"] = DEMO_USERNAMES
            context["demo_password"] = DEMO_PASSWORD
        return context


class LogoutView(auth_views.LogoutView):
    pass
