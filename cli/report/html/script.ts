/**
 * The page's only script, inlined (and allowed by hash in the Content-Security-Policy). It filters the
 * findings tables by the chosen severities, cloud and framework, and toggles a graph between fitting
 * the page and its natural size. Without it the page shows everything, unfiltered.
 */
export const PAGE_SCRIPT = `"use strict";
(function () {
    document.querySelectorAll("[data-findings]").forEach(function (section) {
        var rows = Array.prototype.slice.call(section.querySelectorAll("tbody tr[data-severity]"));
        var severities = section.querySelectorAll('input[data-filter="severity"]');
        var cloud = section.querySelector('select[data-filter="cloud"]');
        var framework = section.querySelector('select[data-filter="framework"]');
        var status = section.querySelector("[data-filter-status]");
        var empty = section.querySelector("[data-filter-empty]");
        function apply() {
            var chosen = {};
            severities.forEach(function (box) { chosen[box.value] = box.checked; });
            var shown = 0;
            rows.forEach(function (row) {
                var visible =
                    chosen[row.dataset.severity] === true &&
                    (cloud === null || cloud.value === "" || row.dataset.cloud === cloud.value) &&
                    (framework === null || framework.value === "" ||
                        row.dataset.frameworks.split(" ").indexOf(framework.value) >= 0);
                row.hidden = !visible;
                if (visible) shown += 1;
            });
            if (status !== null) {
                status.textContent = shown === rows.length
                    ? rows.length + (rows.length === 1 ? " finding" : " findings")
                    : shown + " of " + rows.length + " findings shown";
            }
            if (empty !== null) empty.hidden = shown !== 0;
            section.querySelectorAll("[data-group]").forEach(function (group) {
                var left = group.querySelectorAll("tbody tr[data-severity]:not([hidden])").length;
                group.hidden = left === 0;
                var count = group.querySelector("[data-group-count]");
                if (count !== null) count.textContent = String(left);
            });
        }
        section.addEventListener("change", apply);
        apply();
    });
    document.querySelectorAll("[data-graph-zoom]").forEach(function (button) {
        var svg = button.closest(".graph").querySelector("[data-graph] svg");
        if (svg === null || !svg.dataset.naturalWidth) return;
        var fitted = svg.getAttribute("style");
        var natural = svg.dataset.naturalWidth + "px";
        // Only a drawing shrunk to fit has an actual size worth switching to.
        if (svg.getBoundingClientRect().width >= Number(svg.dataset.naturalWidth) - 1) return;
        button.hidden = false;
        button.addEventListener("click", function () {
            var actual = button.getAttribute("aria-pressed") !== "true";
            button.setAttribute("aria-pressed", String(actual));
            svg.setAttribute("style", actual
                ? "width:" + natural + ";min-width:" + natural + ";max-width:none;height:auto"
                : fitted);
            button.textContent = actual ? "Fit to page" : "Actual size";
        });
    });
})();
`;
