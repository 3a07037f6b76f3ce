#!/usr/bin/env node
// Plain old JavaScript on purpose: on a Node too old for the bundle, this still runs and says why.
'use strict'
var major = Number(process.versions.node.split('.')[0])
if (major < 22) {
  process.stderr.write('ekm-doctor needs Node.js 22 or newer; this is ' + process.version + '.\n' +
    'Install a current release from https://nodejs.org/ and run it again.\n')
  process.exit(2)
}
// Node 22.1+ keeps the compiled bundle on disk, so later runs skip most of the start-up.
var mod = require('module')
if (mod.enableCompileCache) mod.enableCompileCache()
require('../dist/ekm-doctor.cjs')
