// Entry point: defines every element; <bo-app> in index.html takes it from there.
import "./bo-app.js";
