// Live preview for post forms: an enhancement of the server-side Preview button, which works without it.
// The server renders and sanitises (the same code as posting); this only shows what it returns.
(function () {
    "use strict";
    var forms = document.querySelectorAll("form[data-preview-url]");
    Array.prototype.forEach.call(forms, function (form) {
        var url = form.getAttribute("data-preview-url");
        var token = form.querySelector("input[name='__RequestVerificationToken']");
        var section = form.querySelector("section[data-preview-for]");
        if (!url || !token || !section) return;
        var textarea = document.getElementById(section.getAttribute("data-preview-for"));
        var target = section.querySelector(".preview-body");
        if (!textarea || !target) return;
        var timer = null;
        var sequence = 0;

        function render() {
            var mine = ++sequence;
            if (textarea.value.trim() === "") {
                section.hidden = true;
                return;
            }
            var body = new URLSearchParams();
            body.append("text", textarea.value);
            body.append("__RequestVerificationToken", token.value);
            fetch(url, { method: "POST", body: body, credentials: "same-origin" })
                .then(function (response) { return response.ok ? response.json() : null; })
                .then(function (result) {
                    if (!result || mine !== sequence) return;
                    if (result.error) {
                        target.textContent = result.error;
                    } else {
                        // Sanitised on the server with the same allow-list as stored posts.
                        target.innerHTML = result.html;
                    }
                    section.hidden = false;
                })
                .catch(function () { /* the Preview button still works */ });
        }

        textarea.addEventListener("input", function () {
            window.clearTimeout(timer);
            timer = window.setTimeout(render, 500);
        });
    });
})();
