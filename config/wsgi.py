import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

application = get_wsgi_application()

# What is loaded by now (Django, the apps, their models and modules) lives as long as the
# process: moved out of the cyclic collector's generations, it is not scanned again on
# every collection a request's garbage triggers.
gc.freeze()
