from django.apps import AppConfig
from django.db.models.signals import pre_save


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = "Privacy guard"

    def ready(self):
        from privacy.admin_forms import guard_admin_forms
        from privacy.registry import guarded_models, refuse_identifiers

        for model in guarded_models():
            pre_save.connect(refuse_identifiers, sender=model, dispatch_uid=f"privacy-{model}")
        guard_admin_forms()
