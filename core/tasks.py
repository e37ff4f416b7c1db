from celery import shared_task


@shared_task(name="core.ping")
def ping() -> str:
    """Proves the wiring between web, broker and worker: returns ``pong``."""
    return "pong"
