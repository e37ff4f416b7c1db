app_name = "organisations"

urlpatterns: list = []
