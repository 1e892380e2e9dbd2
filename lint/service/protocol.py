"""uvicorn's HTTP/1.1 protocol with a bound on the time a request's headers take.

uvicorn has no such bound: a client trickling header lines keeps a connection open
for as long as it likes. Here a connection that has not finished a request's headers
within `seconds` of opening, or of its previous answer, is closed. (The body's time
is bounded in the app, by `Edge`.)
"""

from __future__ import annotations

from uvicorn.protocols.http.h11_impl import H11Protocol


class HeaderTimeoutProtocol(H11Protocol):
    seconds = 10.0  # the worker sets it from `body-timeout` when it builds the app

    def connection_made(self, transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._arm()

    def _arm(self) -> None:
        self.loop.call_later(self.seconds, self._headers_late, self.cycle)

    def _headers_late(self, cycle_when_armed) -> None:
        waiting = self.cycle is None or self.cycle.response_complete
        if self.cycle is cycle_when_armed and waiting and not self.transport.is_closing():
            self.transport.close()
