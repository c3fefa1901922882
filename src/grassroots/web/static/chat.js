/* The public chat (chat/_chat.html): after a message is sent, clear the form and show the newest turn;
   when sending fails, say why in #chat-notice. htmx does the rest; no inline script anywhere. */
(function () {
  "use strict";

  var WHY = {
    403: "This page is out of date: reload it, then send again.",
    404: "This chat link is not valid.",
    410: "This chat link has expired.",
    422: "Write a message of at most 2,000 characters.",
    429: "Too many messages: wait a minute, then send again.",
  };

  function newest() {
    var log = document.getElementById("chat-log");
    if (log) { log.scrollTop = log.scrollHeight; }
  }

  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.elt;
    if (!form || form.id !== "chat-form") { return; }
    var notice = document.getElementById("chat-notice");
    if (event.detail.successful) {
      form.reset();
      if (notice) { notice.textContent = ""; }
      var text = document.getElementById("chat-text");
      if (text) { text.focus(); }
    } else if (notice) {
      var status = event.detail.xhr ? event.detail.xhr.status : 0;
      notice.textContent = WHY[status] || "Sending failed: try again in a moment.";
    }
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    var path = event.detail.requestConfig ? String(event.detail.requestConfig.path || "") : "";
    if (path.indexOf("/chat/") === 0) { newest(); }
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", newest);
  } else {
    newest();
  }
})();
