package goautodial_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/didkit/voipms/goautodial"
	"github.com/didkit/voipms/goautodialtest"
)

// Example registers a number routed to an in-group on the fake, re-routes
// it to a call menu, reads it back and shows two refusals made before any
// request.
func Example() {
	srv := goautodialtest.NewServer()
	defer srv.Close()
	c, err := goautodial.New(srv.URL(), srv.User(), srv.Pass())
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()

	d, err := c.DIDs.Register(ctx, &goautodial.DIDRegisterParams{Pattern: "+13125550100", Description: "Sales line",
		UserGroup: "ADMIN", Route: goautodial.InGroup("SALESLINE", "", "", "")})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("registered", d.Pattern, "as did_id", d.ID, "routed to", d.Route)

	if err := c.DIDs.Update(ctx, &goautodial.DIDUpdateParams{ID: d.ID, Route: goautodial.CallMenu("MAINMENU")}); err != nil {
		fmt.Println(err)
		return
	}
	info, err := c.DIDs.Get(ctx, d.ID)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("route", info.Route.Kind, info.Route.MenuID, "- extension column", info.Columns["extension"])

	err = c.DIDs.Add(ctx, &goautodial.DIDAddParams{Pattern: "3125550101", Description: "São Paulo", UserGroup: "ADMIN"})
	fmt.Println(errors.Is(err, goautodial.ErrInvalidParameter), err)
	err = c.DIDs.Update(ctx, &goautodial.DIDUpdateParams{ID: d.ID, Route: goautodial.CallMenu("MAIN_MENU")})
	var ve *goautodial.ValidationError
	fmt.Println(errors.As(err, &ve), ve.Field, "- requests:", srv.Calls("goAddDID"), srv.Calls("goEditDID"))
	// Output:
	// registered 13125550100 as did_id 1 routed to IN_GROUP
	// route CALLMENU MAINMENU - extension column 9998811112
	// true goautodial: goAddDID: invalid did_description: holds 'ã' (its UTF-8 byte 0xa3 is in the server's class): the server refuses the bytes of ' ^ £ $ % & * ( ) } { @ # ~ ? > < , | = _ + ¬ -
	// true menu_id - requests: 1 2
}
