"""The save guard's refusal as a page that says what to change, never a server error."""

from django.shortcuts import render

from privacy.registry import IdentifierRefused


class IdentifierRefusedMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, IdentifierRefused):
            return None
        messages = [message for messages in exception.message_dict.values() for message in messages]
        return render(request, "privacy/refused.html", {"messages": messages}, status=400)
