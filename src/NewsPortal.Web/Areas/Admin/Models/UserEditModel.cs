using System.ComponentModel.DataAnnotations;
using NewsPortal.Web.Domain;

namespace NewsPortal.Web.Areas.Admin.Models;

public sealed class UserEditModel
{
    [Required(ErrorMessage = "Enter the email address.")]
    [EmailAddress(ErrorMessage = "Enter a valid email address.")]
    [StringLength(256, ErrorMessage = "The email address is too long.")]
    public string Email { get; set; } = "";

    [StringLength(200, ErrorMessage = "The name is at most 200 characters.")]
    [Display(Name = "Display name")]
    public string? DisplayName { get; set; }

    [Required(ErrorMessage = "Choose a role.")]
    public string Role { get; set; } = Roles.Author;

    [StringLength(256, ErrorMessage = "The password is too long.")]
    [DataType(DataType.Password)]
    [Display(Name = "Password (leave empty to generate one)")]
    public string? Password { get; set; }
}
