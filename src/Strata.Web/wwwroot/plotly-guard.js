// Plotly.Blazor queues each chart's first draw until plotly.js has loaded, then runs the queue in one loop. A chart
// replaced before the load (new data, another area) leaves a queued draw for an element that no longer exists;
// Plotly throws on it and the loop stops, so the charts queued after it are never drawn. This guard, installed
// before plotly.js arrives, makes any call for an element that is gone (a draw, an update, the purge of a disposed
// chart) a no-op.
(function () {
    let plotly;
    Object.defineProperty(window, "Plotly", {
        configurable: true,
        get() { return plotly; },
        set(value) {
            for (const name of ["newPlot", "react", "purge", "relayout", "restyle", "update", "addTraces", "deleteTraces", "extendTraces", "prependTraces"]) {
                const draw = value && value[name];
                if (typeof draw === "function") {
                    value[name] = function (id, ...rest) {
                        return typeof id === "string" && document.getElementById(id) === null
                            ? Promise.resolve()
                            : draw.call(this, id, ...rest);
                    };
                }
            }
            plotly = value;
        },
    });
})();
