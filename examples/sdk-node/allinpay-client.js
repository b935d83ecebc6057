// A Tongshangyun (通商云) client of the shape Node SDKs have: a config object
// with PEM texts, Node's crypto for the signature (spec §3.4), a GET to
// <endpoint>/service/soa. It is written for tsymock's examples
// (docs/sdks.md); it needs nothing beyond Node itself.
'use strict'

const crypto = require('crypto')
const http = require('http')

class AllinpayError extends Error {
  constructor (errorCode, message) {
    super(`${message} (${errorCode})`)
    this.errorCode = errorCode
  }
}

// Base64(MD5(text)): what SHA1withRSA signs and verifies (spec §3.4).
function md5Base64 (text) {
  return crypto.createHash('md5').update(text, 'utf8').digest('base64')
}

// The local clock as yyyy-MM-dd HH:mm:ss, as Node SDKs format it: the
// process must run with TZ=Asia/Shanghai.
function timestamp (d = new Date()) {
  const p = (n) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`
}

function get (url) {
  return new Promise((resolve, reject) => {
    http.get(url, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk) => { body += chunk })
      res.on('end', () => resolve(body))
    }).on('error', reject)
  })
}

class AllinpayClient {
  constructor (config) {
    for (const key of ['endpoint', 'sysId', 'privateKey', 'allinPublicKey']) {
      if (!config[key]) throw new Error(`AllinpayClient: config.${key} is missing`)
    }
    this.config = { version: '2.0', ...config }
  }

  // Sends one call; resolves to signedValue, decoded, or rejects with an
  // AllinpayError carrying the platform's errorCode.
  async request (service, method, param) {
    const { endpoint, sysId, privateKey, allinPublicKey, version } = this.config
    const req = JSON.stringify({ service, method, param })
    const ts = timestamp()
    const sign = crypto.createSign('RSA-SHA1').update(md5Base64(sysId + req + ts)).sign(privateKey, 'base64')
    const query = new URLSearchParams({ sysid: sysId, v: version, timestamp: ts, req, sign })
    const answer = JSON.parse(await get(`${endpoint}/service/soa?${query}`))
    const ok = crypto.createVerify('RSA-SHA1').update(md5Base64(answer.signedValue)).verify(allinPublicKey, answer.sign, 'base64')
    if (!ok) throw new Error('AllinpayClient: the answer does not verify with allinPublicKey')
    if (answer.status !== 'OK') throw new AllinpayError(answer.errorCode, answer.message)
    return JSON.parse(answer.signedValue)
  }
}

module.exports = { AllinpayClient, AllinpayError }
