package app

// mountWeb mounts the dashboard on the API's mux and returns the session resolver the API
// uses to accept dashboard sessions besides API keys. Owned by the dashboard (internal/web).
func (a *App) mountWeb() {}
