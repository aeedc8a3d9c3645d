// Nothing: what importing any CommonJS file costs a host, for bench/cold-start/packages.ts.
module.exports = {}
