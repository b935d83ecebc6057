// The runnable form of the Node guide in docs/sdks.md and docs/zh-CN/sdks.md
// (the guide's snippet is an excerpt of this file); a test of the main
// module (internal/doctest) runs it against a tsymock:
//
//   TZ=Asia/Shanghai ALLINPAY_ENDPOINT=http://127.0.0.1:6900 ALLINPAY_KEY_DIR=keys/demo node examples/sdk-node/check.js
//
// It exits 0 when every call answered as the guide says, 1 otherwise.
'use strict'

const { AllinpayClient, AllinpayError } = require('./allinpay-client')

const keyDir = process.env.ALLINPAY_KEY_DIR || '/opt/keys'

const fs = require('fs')
const config = {
  endpoint: process.env.ALLINPAY_ENDPOINT || 'http://127.0.0.1:6900', // the base URL: /service/soa is appended
  sysId: '100000000002',
  privateKey: fs.readFileSync(`${keyDir}/TEST-ONLY-100000000002.key.pem`, 'utf8'), // PKCS#8 PEM
  allinPublicKey: fs.readFileSync(`${keyDir}/TEST-ONLY-platform.cer`, 'utf8'), // the certificate as it is
}

async function main () {
  const client = new AllinpayClient(config)
  const bizUserId = `sdk-node-${Date.now()}`
  const member = await client.request('MemberService', 'createMember', { bizUserId, memberType: 3, source: 1 })
  console.log('createMember OK:', JSON.stringify(member))
  try {
    await client.request('OrderService', 'queryBalance', { bizUserId, accountSetNo: '400193' })
    throw new Error('queryBalance 400193 answered OK, want 30019')
  } catch (e) {
    if (!(e instanceof AllinpayError) || e.errorCode !== '30019') throw e
    console.log('queryBalance 400193 error:', e.message)
  }
}

main().catch((e) => {
  console.error('sdk-node:', e.message)
  process.exit(1)
})
