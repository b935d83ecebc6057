package emulator

import "github.com/google/uuid"

// platformNamespace names the platform's user ids: a fixed, random UUID,
// so that the ids tsymock makes from it never meet another's.
const platformNamespace = "5d0c3c9e-8a41-4e0b-9c55-0b7f2f4a6d21"

// PlatformUserID is the platform's own user id in application sysid: the
// uuid of the merchant ("大 B"), which the real platform answers for
// buyerBizUserId where the platform paid (spec §4.2.15 and §4.2.18:
// 若平台返回大 B 的 uuid, the portal's 商户号). It is made from the sysid
// alone (a name-based UUID), so it is the same at every start and draws
// nothing from the id source: a seeded run's other ids do not move.
func PlatformUserID(sysid string) string {
	return uuid.NewSHA1(uuid.MustParse(platformNamespace), []byte(sysid)).String()
}

// buyerID is the buyerBizUserId of an order paid by payer: the member's
// bizUserId, or for the platform its user id (PlatformUserID).
func (a *app) buyerID(payer string) string {
	if payer == OwnerPlatform {
		return PlatformUserID(a.sysid)
	}
	return payer
}
