// Run-time configuration. Empty here: the build's VITE_* values apply. The container image answers /config.js with
// the values of its environment instead (web/nginx/default.conf.template), so one image serves any deployment.
globalThis.__XIETONG_CONFIG__ = globalThis.__XIETONG_CONFIG__ || {};
