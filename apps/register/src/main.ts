// Entry point: registers the elements; index.html holds <register-app>.
import "./components/register-app.js";
